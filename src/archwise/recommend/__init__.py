"""Recommendations: constraints, weighted scoring with reasons, options and an evolution path."""
