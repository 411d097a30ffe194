"""The M/M/c peer benchmark in SimPy (Debian python3-simpy3; bench-only, not a berth dependency).

c servers, Poisson arrivals at rate lam, exponential service times with mean 1/mu, FIFO queue. Runs until
simulated time `horizon` and prints one JSON line: jobs completed, wall seconds, jobs per second.
Usage: python3 bench/mmc_simpy.py C LAM MU HORIZON SEED
"""
import json
import random
import sys
import time

import simpy


def main():
    c, lam, mu, horizon, seed = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=c)
    done = [0]

    def job():
        with servers.request() as req:
            yield req
            yield env.timeout(rng.expovariate(mu))
        done[0] += 1

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(lam))
            env.process(job())

    env.process(arrivals())
    start = time.perf_counter()
    env.run(until=horizon)
    wall = time.perf_counter() - start
    print(json.dumps({"jobs": done[0], "seconds": wall, "jobsPerSecond": done[0] / wall, "simpy": simpy.__version__}))


main()
