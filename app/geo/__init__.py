"""Geodesy at the edges: converting between WGS-84 (what the store keeps) and China's GCJ-02."""
