package dev.selam.bot.risk;

import dev.selam.knowledge.analysis.LanguageAnalyzers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Risk assessments per second on one thread, over messages of every language and length (written
 * for this benchmark). Not a test: run it by hand, see docs/BENCHMARKS.md:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl bot -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp bot/target/test-classes:bot/target/classes:$(cat bot/target/test.classpath) \
 *     dev.selam.bot.risk.RiskAssessmentBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RiskAssessmentBenchmark {
  record Message(String language, String text) {}

  static final List<Message> MESSAGES =
      List.of(
          new Message("en", "hello, where is the nearest migration office?"),
          new Message(
              "en",
              "my boss took our passports and locks the door at night, we have not been paid for"
                  + " three months and he says his cousins know where our parents live"),
          new Message("tr", "merhaba, ikamet izni için randevu nasıl alınır?"),
          new Message("tr", "kız kardeşim 14 yaşında, babam onu gelecek hafta evlendirecek"),
          new Message("ar", "مرحبا، كيف بجدد الكملك؟"),
          new Message("ar", "صاحب الشغل أخد جوازي وما بيخلونا نطلع من الورشة"),
          new Message("ru", "добрый день, как записаться к врачу?"),
          new Message("ru", "муж избил меня, боюсь идти домой, он сказал что убьет"),
          new Message("uk", "доброго дня, де можна вивчати турецьку безкоштовно?"),
          new Message("uk", "не хочу більше жити, зібрала таблетки"),
          new Message("fa", "سلام، برای تمدید اقامت کجا باید برم؟"),
          new Message("fa", "کارفرما پاسپورتم را گرفته و نمیذاره از کارگاه بیرون بریم"));

  RiskAssessor assessor;
  int next;

  @Setup
  public void load() {
    assessor = RiskAssessor.load(LanguageAnalyzers.SUPPORTED);
  }

  @Benchmark
  public RiskAssessment assess() {
    Message message = MESSAGES.get(next++ % MESSAGES.size());
    return assessor.assess(message.text(), message.language());
  }

  @Benchmark
  public RiskAssessment assessInAnyLanguage() {
    Message message = MESSAGES.get(next++ % MESSAGES.size());
    return assessor.assessInAnyLanguage(message.text());
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(RiskAssessmentBenchmark.class.getSimpleName()).build())
        .run();
  }
}
