"""Reusable plot and control widgets shared by the labs."""
