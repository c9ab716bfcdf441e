package dev.selam.bot.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OutboundCodecTest {
  @Test
  void aTextWithButtonsReadsBackAsWritten() {
    OutboundMessage.Text text =
        new OutboundMessage.Text(
            "<b>Hello</b>",
            List.of(
                List.of(
                    new OutboundMessage.Button("Yes", "y"), new OutboundMessage.Button("No", "n")),
                List.of(new OutboundMessage.Button("Person", "p"))));
    List<OutboundCodec.Row> rows = OutboundCodec.encode(text);
    assertThat(rows).singleElement().extracting(OutboundCodec.Row::kind).isEqualTo("send_message");
    assertThat(OutboundCodec.decode(rows.get(0).kind(), rows.get(0).payload())).isEqualTo(text);
  }

  @Test
  void deletionsAreSplitIntoBatchesOfAHundredInOrder() {
    List<Long> ids = LongStream.rangeClosed(1, 201).boxed().toList();
    List<OutboundCodec.Row> rows = OutboundCodec.encode(new OutboundMessage.DeleteMessages(ids));
    assertThat(rows).hasSize(3);
    List<Long> back =
        rows.stream()
            .map(r -> (OutboundMessage.DeleteMessages) OutboundCodec.decode(r.kind(), r.payload()))
            .flatMap(d -> d.channelMessageIds().stream())
            .toList();
    assertThat(back).isEqualTo(ids);
  }

  @Test
  void aMalformedRowIsRefused() {
    assertThatThrownBy(() -> OutboundCodec.decode("send_message", "{\"buttons\":5}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutboundCodec.decode("fax", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutboundCodec.decode("send_message", "not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buttonDataOverTelegramsLimitIsRefusedWhenWritten() {
    assertThatThrownBy(() -> new OutboundMessage.Button("x", "é".repeat(33)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new OutboundMessage.Button("x", "a".repeat(64)).callbackData()).hasSize(64);
  }

  @Test
  void plainTextIsEscapedForTelegramsHtml() {
    assertThat(OutboundMessage.Text.plain("<script>&\"").html())
        .isEqualTo("&lt;script&gt;&amp;&quot;");
  }

  @Test
  void aCommandIsReadWithoutTheBotsNameAndWithItsArguments() {
    InboundMessage message =
        new InboundMessage(
            "telegram",
            "1",
            1,
            1L,
            MessageKind.COMMAND,
            "/Start@SelamBot ref-7",
            null,
            null,
            "en",
            false,
            java.time.Instant.EPOCH,
            HandledMark.UNTRACKED);
    assertThat(message.command()).contains("start");
    assertThat(message.commandArguments()).isEqualTo("ref-7");
  }
}
