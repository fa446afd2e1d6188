"""Image and video feeds (图传) without Qt: files become media items, folders are watched, each
item's transfer state is read from the blob store, and the agency's timing figures are computed.

``ingest`` (files → items through the store's one write path), ``probe`` (EXIF, Pillow and
Debian's ffmpeg/ffprobe), ``watch`` (polling thread over folders), ``transfer`` (thumbnail only /
arriving N% / complete), ``sources`` (the live streams this post knows), ``timing`` (arrival to
first image and first panorama).
"""
