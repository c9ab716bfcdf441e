package dev.selam.bot.language;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;

/**
 * Which language the bot answers in. In order: the person's explicit choice ({@code /language}); a
 * confident detection of this message; the conversation's language so far; Telegram's {@code
 * language_code}; the default.
 *
 * <p>The conversation's language comes before Telegram's {@code language_code}: the latter is the
 * language of the phone's menus, not of the person (many Arabic and Persian speakers keep their
 * phone in English), and once a conversation has a language, an "ok" or a "thanks" must not flip
 * it. At the start of a conversation, with no language yet, {@code language_code} is the best hint.
 */
public final class ReplyLanguage {
  /** Fewer letters or words than this is too little to go by: "ok", "thanks", "спасибо". */
  static final int MIN_LETTERS = 10;

  static final int MIN_WORDS = 2;

  /** How far ahead of the runner-up the best language must be (see {@link LanguageGuess}). */
  static final double MIN_CONFIDENCE = 0.05;

  /** Where the chosen language came from. */
  public enum Source {
    EXPLICIT,
    DETECTED,
    CONVERSATION,
    TELEGRAM,
    DEFAULT
  }

  /**
   * One message's circumstances.
   *
   * @param explicitChoice the language the person chose with {@code /language}, if any
   * @param text what the person wrote (may be empty: a photo, a sticker)
   * @param telegramLanguageCode Telegram's {@code language_code} (e.g. {@code pt-br}), if any
   * @param conversationLanguage the language the conversation has been answered in so far, if any
   */
  public record Request(
      Optional<String> explicitChoice,
      String text,
      Optional<String> telegramLanguageCode,
      Optional<String> conversationLanguage) {}

  /** The language to answer in, why, and what detection saw in the message. */
  public record Choice(String language, Source source, LanguageGuess guess) {}

  private final LanguageSettings settings;
  private final LanguageDetector detector;

  public ReplyLanguage(LanguageSettings settings, LanguageDetector detector) {
    this.settings = settings;
    this.detector = detector;
  }

  public Choice choose(Request request) {
    return choose(request, detector.detect(request.text()));
  }

  /**
   * {@link #choose(Request)} with the detection run in Lingua's pool, off the event loop; not run
   * at all where it could not change the answer (an explicit choice, or too little text to be
   * confident: "ok", "thanks"), and the choice's guess is then {@link LanguageGuess#none()}.
   */
  public Future<Choice> chooseInPool(Request request) {
    TextSample sample = TextSample.of(request.text() == null ? "" : request.text());
    if (explicitChoice(request).isPresent()
        || !enoughText(sample.letters(), sample.words().size())) {
      return Future.succeededFuture(choose(request, LanguageGuess.none()));
    }
    return detector.detectInPool(sample).map(guess -> choose(request, guess));
  }

  private Choice choose(Request request, LanguageGuess guess) {
    Optional<String> explicit = explicitChoice(request);
    if (explicit.isPresent()) {
      return new Choice(explicit.get(), Source.EXPLICIT, guess);
    }
    if (isConfident(guess)) {
      return new Choice(guess.language(), Source.DETECTED, guess);
    }
    Optional<String> conversation = request.conversationLanguage().map(ReplyLanguage::primary);
    if (conversation.filter(settings::supports).isPresent()) {
      return new Choice(conversation.get(), Source.CONVERSATION, guess);
    }
    Optional<String> telegram = request.telegramLanguageCode().map(ReplyLanguage::primary);
    if (telegram.filter(settings::supports).isPresent()) {
      return new Choice(telegram.get(), Source.TELEGRAM, guess);
    }
    return new Choice(settings.defaultLanguage(), Source.DEFAULT, guess);
  }

  /** The person's explicit choice, if it is a language configured now. */
  private Optional<String> explicitChoice(Request request) {
    return request.explicitChoice().map(ReplyLanguage::primary).filter(settings::supports);
  }

  /** Enough text, in a supported language, clearly ahead of the others. */
  public boolean isConfident(LanguageGuess guess) {
    return guess.supported()
        && settings.supports(guess.language())
        && enoughText(guess.letters(), guess.words())
        && guess.confidence() >= MIN_CONFIDENCE;
  }

  /** Whether a text this long can be told apart at all; shorter never counts as confident. */
  private static boolean enoughText(int letters, int words) {
    return letters >= MIN_LETTERS && words >= MIN_WORDS;
  }

  /** {@code pt-BR}, {@code pt_br} and {@code PT} all mean {@code pt}. */
  private static String primary(String tag) {
    String lower = tag.strip().toLowerCase(Locale.ROOT);
    int cut = lower.indexOf('-') >= 0 ? lower.indexOf('-') : lower.indexOf('_');
    return cut >= 0 ? lower.substring(0, cut) : lower;
  }
}
