"""``python -m netmap`` is the same as the ``netmap`` command."""

from netmap.cli import main

main()
