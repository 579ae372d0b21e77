"""Consulta: multi-stakeholder consultations, recorded and proven."""

__version__ = "0.1.0"
