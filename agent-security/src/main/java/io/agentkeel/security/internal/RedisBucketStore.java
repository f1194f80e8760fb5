package io.agentkeel.security.internal;

import io.agentkeel.api.ConnectionUrls;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis through Bucket4j's Lettuce integration (compare-and-swap), so that every
 * instance of the agent shares them. Commands time out quickly and are rejected while disconnected,
 * so that an unreachable Redis surfaces as an exception the limiter turns into its failure policy.
 *
 * <p>Instances that share a bucket must agree on the time, so these buckets are timed by each
 * instance's wall clock (Bucket4j's client-side time), unlike the in-process ones: keep the clocks
 * synchronised by slewing (NTP), since an instance whose clock is stepped back sees no refill until
 * it catches up.
 */
public final class RedisBucketStore implements BucketStore {
  private final RedisClient client;
  private final String prefix;
  private volatile ProxyManager<byte[]> proxies;

  /**
   * Creates a store; connects on first use.
   *
   * @param uri the Redis URI, such as {@code redis://127.0.0.1:6379}
   * @param prefix prepended to every key
   * @param timeout how long one command may take
   * @throws IllegalArgumentException if the URI cannot be read; the message shows its password as
   *     {@code ***}
   */
  public RedisBucketStore(String uri, String prefix, Duration timeout) {
    RedisURI redisUri;
    try {
      redisUri = RedisURI.create(uri);
    } catch (IllegalArgumentException e) {
      // The parser quotes the URI whole ("Illegal character in path at index 32: redis://:pw@..."):
      // its message goes on with the password masked, the exception itself does not. A password
      // holding '/' is read as the port, and "For input string: "cret@host:6379/0"" quotes a piece
      // of it that no masking of the URI finds: such a message is left out.
      String message = e.getMessage();
      boolean quotesAPiece =
          message != null
              && uri != null
              && !uri.equals(ConnectionUrls.withoutPassword(uri))
              && !message.contains(uri);
      String reason = message == null || quotesAPiece ? "cannot be read" : message;
      throw new IllegalArgumentException(
          ConnectionUrls.withoutPassword(reason)
              + "; write a Redis URI such as redis://:password@127.0.0.1:6379");
    }
    redisUri.setTimeout(timeout);
    this.client = RedisClient.create(redisUri);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    this.prefix = prefix;
  }

  private ProxyManager<byte[]> proxies() {
    ProxyManager<byte[]> p = proxies;
    if (p == null) {
      synchronized (this) {
        p = proxies;
        if (p == null) {
          p =
              Bucket4jLettuce.casBasedBuilder(client)
                  .expirationAfterWrite(
                      ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                          Duration.ofMinutes(1)))
                  .build();
          proxies = p;
        }
      }
    }
    return p;
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return proxies()
        .builder()
        .build((prefix + key).getBytes(StandardCharsets.UTF_8), () -> configuration);
  }

  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
