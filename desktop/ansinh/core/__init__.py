"""The Qt-free engine of An Sinh Studio (see the README for the pipeline).

Nothing below this package imports Qt: the import-linter contract in
pyproject.toml and tests/test_architecture.py keep it so.
"""
