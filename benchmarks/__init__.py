"""netmap's service-scale benchmark: a synthetic service generator and the ``netmap bench`` runner."""

__all__: list[str] = []
