from dateline.cli import main

if __name__ == "__main__":  # guarded: Dask and multiprocessing workers import this module as __mp_main__
    main()
