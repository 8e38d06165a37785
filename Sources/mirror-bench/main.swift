// Benchmarks land here; see README "Benchmarks".
print("mirror-bench: no benchmark yet")
