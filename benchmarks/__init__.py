"""Benchmarks against peers (scripts/bench): cold start, warm overhead, memory, package size, local API.

Kept empty of imports: the cold-start children import the peers under this
package, and whatever this file imported would count against them.
"""
