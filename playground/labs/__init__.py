"""The lab registry (plain data, importable without Qt or torch)."""
