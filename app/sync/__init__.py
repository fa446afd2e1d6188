"""Sync between posts over ZeroMQ: sessions, relay, CURVE security, blobs, link scheduling."""
