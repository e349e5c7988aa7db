"""The one rendering path: Jinja2 (sandboxed) → HTML/CSS → WeasyPrint → PDF → PNG.

`jinja` builds the sandboxed environments and filters, `fetcher` limits what a
template may load, `layout` lays HTML out and inspects the boxes (overflow, lines,
fit, image resolution), `raster` turns PDF pages into PNG, `piece` ties them into
`render_piece`, and `worker` runs that in a separate, resource-limited process.
"""
