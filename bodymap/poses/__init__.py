"""The exercise pictures: a jointed figure posed from data and drawn as SVG.

`skeleton` holds the tables the content model checks frames against; `figure` poses the
figure; `draw` turns a frame into SVG. Import from the module you need: the content model
imports only `skeleton`, so it never loads the drawing code.
"""
