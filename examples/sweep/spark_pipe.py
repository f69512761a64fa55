"""A StegCarve sweep with Spark's RDD.pipe: each partition's paths go to one stegcarve process
on standard input (NUL-separated), and its JSON Lines come back as the partition's records.

    spark-submit spark_pipe.py paths.txt reports/

The executors must see the files under the same paths (a shared mount) and have stegcarve on
PATH. Spark partitions the list itself, so --shard is not needed here; to split by the same
stable rule as --shard instead, key each path by shard() below and partitionBy(N).
"""
import hashlib
import sys

from pyspark.sql import SparkSession


def shard(path: bytes, count: int) -> int:
    """The --shard K/N assignment: first 8 bytes of SHA-256(path bytes), big-endian, mod N."""
    return int.from_bytes(hashlib.sha256(path).digest()[:8], "big") % count


def main() -> None:
    paths_file, output = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("stegcarve-sweep").getOrCreate()
    paths = spark.sparkContext.textFile(paths_file).filter(bool)
    # RDD.pipe writes each element followed by a newline; -0 is not usable here, so paths
    # with a newline in their name must be given to stegcarve another way (e.g. --shard on
    # a shared directory, one task per shard).
    # PySpark splits the command with shlex. Exit status 1 means "findings", which checkCode
    # would take for a failed task: the shell maps it to 0, so only errors (2) fail the task
    # (and Spark retries it).
    command = "sh -c 'stegcarve scan --format jsonl --no-decode --files-from -; test $? -le 1'"
    reports = paths.repartition(64).pipe(command, checkCode=True)
    reports.saveAsTextFile(output)
    spark.stop()


if __name__ == "__main__":
    main()
