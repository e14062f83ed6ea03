"""Run every benchmark in one go: `python -m bench` (prints Markdown for bench/README.md)."""

from bench import bench_setup, geoparse_throughput, load_gazetteer, name_keys, place_search


def main() -> None:
    engine = bench_setup()
    print(load_gazetteer.report(load_gazetteer.run(), engine))
    print()
    print(place_search.report(place_search.run(), engine))
    print()
    print(name_keys.report(*name_keys.run(), engine))
    print()
    print(geoparse_throughput.report(geoparse_throughput.run(), engine))


if __name__ == "__main__":
    main()
