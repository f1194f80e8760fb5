package io.agentkeel.security.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Buckets in this process: Bucket4j's lock-free local buckets. */
public final class LocalBucketStore implements BucketStore {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public LocalBucketStore() {}

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.computeIfAbsent(
        key,
        k -> {
          var b = Bucket.builder();
          for (var bandwidth : configuration.getBandwidths()) {
            b.addLimit(bandwidth);
          }
          return b.build();
        });
  }
}
