package dev.selam.knowledge.content;

/** A content file that cannot be imported, named so an editor can fix it. */
public final class ContentProblem extends RuntimeException {
  private final String file;

  public ContentProblem(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
