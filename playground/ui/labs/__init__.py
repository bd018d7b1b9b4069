"""One module per lab, each a thin view over its core module (see base.py for the contract)."""
