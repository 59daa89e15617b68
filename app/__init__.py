"""Rizhi (日知): a desktop task board and time-boxing app for researchers."""

__version__ = "0.1.0"
