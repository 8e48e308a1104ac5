"""Public benchmarks for the CP-SAT machinery: the Curtois & Qu shift scheduling instances.

The package reads an instance (`instance`), builds and solves a CP-SAT model of it
(`model`, `runner`), writes and reads solution files (`solution`) and recomputes the
objective of any roster with an evaluator (`evaluate`) that shares no constraint code
with the model. `vaktbot bench curtois` (`vaktbot/bench_commands.py`) runs them.
"""
