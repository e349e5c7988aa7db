"""An Sinh Studio: campaign media for Vietnam's social-insurance offices.

`ansinh.core` is the Qt-free engine (templates, rendering, text channels, bundles,
batch, storage); `ansinh.cli` and `ansinh.gui` are two faces over it.
"""

__version__ = "0.1.0"
