"""The decision registry: ADRs, stacks and analyses of many repositories, and the tech radar."""
