package dev.selam.bot.telegram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * TelegramBots clients pointed at the configured Bot API: one for sending, one for long polling
 * (its calls wait up to the poll timeout, so they get their own connections and a longer read
 * timeout). Closing releases OkHttp's threads and connections.
 */
final class TelegramConnection implements AutoCloseable {
  static final Duration POLL_TIMEOUT = Duration.ofSeconds(50);

  private final OkHttpClient sendingHttp;
  private final OkHttpClient pollingHttp;
  private final TelegramClient sending;
  private final TelegramClient polling;

  private TelegramConnection(TelegramSettings settings, Duration pollTimeout) {
    TelegramUrl url =
        new TelegramUrl(
            settings.apiUrl().getScheme(), settings.apiUrl().getHost(), settings.apiPort(), false);
    Dispatcher dispatcher = new Dispatcher();
    // OkHttp allows 5 calls per host by default: too few when a few calls hang until their timeout.
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    this.sendingHttp =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(10, TimeUnit.SECONDS)
            .writeTimeout(10, TimeUnit.SECONDS)
            .readTimeout(20, TimeUnit.SECONDS)
            .callTimeout(25, TimeUnit.SECONDS)
            .build();
    this.pollingHttp =
        new OkHttpClient.Builder()
            .dispatcher(new Dispatcher())
            .connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES))
            .connectTimeout(10, TimeUnit.SECONDS)
            .writeTimeout(10, TimeUnit.SECONDS)
            .readTimeout(pollTimeout.plusSeconds(15))
            .build();
    this.sending = new OkHttpTelegramClient(sendingHttp, settings.token(), url);
    this.polling = new OkHttpTelegramClient(pollingHttp, settings.token(), url);
  }

  static TelegramConnection open(TelegramSettings settings) {
    return new TelegramConnection(settings, POLL_TIMEOUT);
  }

  TelegramClient sending() {
    return sending;
  }

  TelegramClient polling() {
    return polling;
  }

  @Override
  public void close() {
    for (OkHttpClient http : new OkHttpClient[] {sendingHttp, pollingHttp}) {
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
