package io.agentkeel.security.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where buckets live: in this process, or in a shared store such as Redis. */
public interface BucketStore extends AutoCloseable {
  /**
   * The bucket under a key, made with the configuration on first use.
   *
   * @param key the key
   * @param configuration the configuration of a new bucket
   * @return the bucket
   */
  Bucket bucket(String key, BucketConfiguration configuration);

  @Override
  default void close() {}
}
