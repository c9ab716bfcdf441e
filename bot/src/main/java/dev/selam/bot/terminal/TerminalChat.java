package dev.selam.bot.terminal;

import dev.selam.bot.channel.HandledMark;
import dev.selam.bot.channel.InboundHandler;
import dev.selam.bot.channel.InboundMessage;
import dev.selam.bot.channel.MessageKind;
import dev.selam.bot.channel.OutboundCodec;
import dev.selam.bot.channel.OutboundMessage;
import dev.selam.bot.dispatch.DispatchPolicy;
import dev.selam.bot.dispatch.OutboxDispatcher;
import dev.selam.core.outbox.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A conversation with the bot in a terminal: a channel like Telegram, with the same dialogue,
 * outbox and dispatcher, for editors and developers to try the bot without Telegram. Buttons are
 * numbered; typing the number presses one.
 */
public final class TerminalChat {
  public static final String CHANNEL = "terminal";

  /** No Telegram limits here, but the same dispatcher: one message after another. */
  static final DispatchPolicy POLICY =
      new DispatchPolicy(
          1000,
          Duration.ZERO,
          Duration.ofMillis(20),
          100,
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          3);

  private final InboundHandler dialogue;
  private final OutboxStore outbox;
  private final OutboxDispatcher dispatcher;
  private final TerminalScreen screen;
  private final String chatId;
  private final String languageCode;
  private final AtomicLong updates = new AtomicLong();

  public TerminalChat(
      Vertx vertx,
      InboundHandler dialogue,
      OutboxStore outbox,
      PrintWriter out,
      String chatId,
      String languageCode) {
    this.dialogue = dialogue;
    this.outbox = outbox;
    this.screen = new TerminalScreen(out);
    this.chatId = chatId;
    this.languageCode = languageCode;
    this.dispatcher =
        new OutboxDispatcher(
            vertx, outbox, CHANNEL, screen::show, POLICY, Clock.systemUTC(), new Random());
  }

  /** Reads lines until the end of input or {@code /quit}; blocks the calling thread. */
  public void run(BufferedReader in) throws IOException {
    dispatcher.start();
    try {
      screen.prompt();
      String line;
      while ((line = in.readLine()) != null) {
        line = line.strip();
        if (line.equals("/quit")) {
          break;
        }
        if (!line.isEmpty()) {
          dialogue.handle(message(line)).await();
          waitUntilShown();
        }
        screen.prompt();
      }
    } finally {
      dispatcher.stop().await();
    }
  }

  /** What the person typed: a command, a button's number, or text. */
  InboundMessage message(String line) {
    long update = updates.incrementAndGet();
    String pressed = screen.button(line);
    MessageKind kind =
        pressed != null
            ? MessageKind.CALLBACK
            : line.startsWith("/") ? MessageKind.COMMAND : MessageKind.TEXT;
    return new InboundMessage(
        CHANNEL,
        chatId,
        update,
        pressed != null ? screen.lastMessageId() : 1_000_000 + update,
        kind,
        pressed != null ? null : line,
        pressed,
        pressed != null ? "press-" + update : null,
        languageCode,
        false,
        Instant.now(),
        HandledMark.UNTRACKED);
  }

  private void waitUntilShown() {
    dispatcher.wake();
    for (int i = 0; i < 250; i++) {
      if (outbox.pendingCount(CHANNEL).await() == 0) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Prints outbox rows as text, numbering buttons, and remembers the last ones shown. */
  static final class TerminalScreen {
    private final PrintWriter out;
    private final AtomicLong messageIds = new AtomicLong(1);
    private final List<String> buttons = new ArrayList<>();
    private long lastMessageId;

    TerminalScreen(PrintWriter out) {
      this.out = out;
    }

    synchronized Future<dev.selam.bot.dispatch.Delivery> show(OutboxStore.Entry entry) {
      OutboundMessage message;
      try {
        message = OutboundCodec.decode(entry.kind(), entry.payload());
      } catch (IllegalArgumentException e) {
        return Future.succeededFuture(new dev.selam.bot.dispatch.Delivery.Rejected("malformed"));
      }
      Long id = null;
      switch (message) {
        case OutboundMessage.Text text -> {
          id = messageIds.getAndIncrement();
          lastMessageId = id;
          out.println();
          out.println(plain(text.html()));
          if (!text.buttons().isEmpty()) {
            buttons.clear();
            StringBuilder line = new StringBuilder();
            for (List<OutboundMessage.Button> row : text.buttons()) {
              for (OutboundMessage.Button button : row) {
                buttons.add(button.callbackData());
                line.append("  [").append(buttons.size()).append("] ").append(button.label());
              }
              line.append('\n');
            }
            out.print(line);
          }
        }
        case OutboundMessage.DeleteMessages delete ->
            out.println("(" + delete.channelMessageIds().size() + " message(s) deleted)");
        case OutboundMessage.CallbackAnswer answer -> {}
      }
      out.flush();
      return Future.succeededFuture(new dev.selam.bot.dispatch.Delivery.Delivered(id));
    }

    /** The callback data of the button numbered {@code line}, or null when it is not one. */
    synchronized String button(String line) {
      if (!line.matches("\\d{1,3}")) {
        return null;
      }
      int index = Integer.parseInt(line) - 1;
      return index >= 0 && index < buttons.size() ? buttons.get(index) : null;
    }

    synchronized long lastMessageId() {
      return lastMessageId;
    }

    void prompt() {
      out.print("> ");
      out.flush();
    }

    /** Telegram's HTML as terminal text: tags dropped, entities read. */
    static String plain(String html) {
      return html.replaceAll("</?(b|i|u|s|code|pre|blockquote)>", "")
          .replaceAll("<a href=\"([^\"]*)\">([^<]*)</a>", "$2 ($1)")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&quot;", "\"")
          .replace("&amp;", "&");
    }
  }
}
