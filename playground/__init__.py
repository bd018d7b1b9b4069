"""Neural Playground: interactive labs that let people see deep learning."""
__version__ = "0.1.0"
