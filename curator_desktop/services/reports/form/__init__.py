"""The common report form: page layout, styles, text blocks, grid tables and photo grids."""
