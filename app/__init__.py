"""Zhijiu's core: domain, ops, store, sync and services — pure Python, no Qt, fully testable headless."""
