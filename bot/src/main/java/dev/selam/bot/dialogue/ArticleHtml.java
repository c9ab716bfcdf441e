package dev.selam.bot.dialogue;

import dev.selam.bot.channel.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Renders an article's Markdown as the small HTML subset chat channels accept (b, i, code, pre, a):
 * every piece of text is escaped, raw HTML in the source is shown as text, links only for http(s).
 * Long articles are split into parts under the channel's limit, at paragraph breaks.
 */
public final class ArticleHtml {
  /** Telegram's limit is 4,096 characters; leave room for entities counted differently. */
  static final int MAX_PART = 3_800;

  private static final Parser PARSER = Parser.builder().build();

  private ArticleHtml() {}

  public static String render(String title, String markdown) {
    StringBuilder out = new StringBuilder();
    out.append("<b>").append(OutboundMessage.escape(title)).append("</b>\n\n");
    PARSER.parse(markdown).accept(new Renderer(out));
    return out.toString().strip();
  }

  /** Splits at blank lines so no part exceeds {@link #MAX_PART}; a giant paragraph is cut. */
  public static List<String> split(String html) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String block : html.split("\n\n")) {
      if (current.length() + block.length() + 2 > MAX_PART && current.length() > 0) {
        parts.add(current.toString().strip());
        current.setLength(0);
      }
      while (block.length() > MAX_PART) {
        int cut = safeCut(block, MAX_PART);
        parts.add(block.substring(0, cut));
        block = block.substring(cut);
      }
      current.append(block).append("\n\n");
    }
    if (!current.toString().isBlank()) {
      parts.add(current.toString().strip());
    }
    return parts;
  }

  /** A cut that does not fall inside a tag or an entity. */
  private static int safeCut(String text, int limit) {
    int cut = limit;
    int lastOpen = text.lastIndexOf('<', cut);
    int lastClose = text.lastIndexOf('>', cut);
    if (lastOpen > lastClose) {
      cut = lastOpen;
    }
    int amp = text.lastIndexOf('&', cut);
    if (amp >= 0 && text.indexOf(';', amp) >= cut) {
      cut = amp;
    }
    return Math.max(cut, 1);
  }

  private static final class Renderer extends AbstractVisitor {
    private final StringBuilder out;
    private int listDepth;
    private int orderedNumber;

    Renderer(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void visit(Heading heading) {
      out.append("<b>");
      visitChildren(heading);
      out.append("</b>\n\n");
    }

    @Override
    public void visit(Paragraph paragraph) {
      visitChildren(paragraph);
      out.append(listDepth > 0 ? "\n" : "\n\n");
    }

    @Override
    public void visit(Text text) {
      out.append(OutboundMessage.escape(text.getLiteral()));
    }

    @Override
    public void visit(StrongEmphasis strong) {
      out.append("<b>");
      visitChildren(strong);
      out.append("</b>");
    }

    @Override
    public void visit(Emphasis emphasis) {
      out.append("<i>");
      visitChildren(emphasis);
      out.append("</i>");
    }

    @Override
    public void visit(Code code) {
      out.append("<code>").append(OutboundMessage.escape(code.getLiteral())).append("</code>");
    }

    @Override
    public void visit(FencedCodeBlock block) {
      out.append("<pre>").append(OutboundMessage.escape(block.getLiteral())).append("</pre>\n\n");
    }

    @Override
    public void visit(IndentedCodeBlock block) {
      out.append("<pre>").append(OutboundMessage.escape(block.getLiteral())).append("</pre>\n\n");
    }

    @Override
    public void visit(HtmlInline html) {
      out.append(OutboundMessage.escape(html.getLiteral()));
    }

    @Override
    public void visit(HtmlBlock html) {
      out.append(OutboundMessage.escape(html.getLiteral())).append("\n\n");
    }

    @Override
    public void visit(Link link) {
      String url = link.getDestination();
      boolean safe = url != null && (url.startsWith("https://") || url.startsWith("http://"));
      if (safe) {
        out.append("<a href=\"").append(OutboundMessage.escape(url)).append("\">");
      }
      visitChildren(link);
      if (safe) {
        out.append("</a>");
      }
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
      out.append('\n');
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
      out.append('\n');
    }

    @Override
    public void visit(BulletList list) {
      listDepth++;
      visitChildren(list);
      listDepth--;
      out.append(listDepth == 0 ? "\n" : "");
    }

    @Override
    public void visit(OrderedList list) {
      int saved = orderedNumber;
      orderedNumber = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
      listDepth++;
      visitChildren(list);
      listDepth--;
      orderedNumber = saved;
      out.append(listDepth == 0 ? "\n" : "");
    }

    @Override
    public void visit(ListItem item) {
      out.append("  ".repeat(Math.max(0, listDepth - 1)));
      Node parent = item.getParent();
      out.append(parent instanceof OrderedList ? (orderedNumber++) + ". " : "• ");
      visitChildren(item);
    }
  }
}
