"""The feeds dock's parts (图传): the gallery model, the picture viewer, the video player and the
panorama job. ``ui/docks/feeds.py`` puts them together."""
