"""Capacity planning: queueing models, sizing, growth, USL fits, load-test import and simulation."""
