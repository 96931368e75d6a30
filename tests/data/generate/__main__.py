"""Rewrite every generated file under tests/data."""

from tests.data.generate import generate

for relative in generate():
    print(relative)
