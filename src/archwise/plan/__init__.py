"""Delivery planning: phases, critical path over a task graph, and the risk register."""
