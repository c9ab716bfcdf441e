package dev.selam.knowledge.article;

/** Someone else saved the article after this editor opened it: reload, then edit again. */
public final class ConcurrentEditException extends RuntimeException {
  public ConcurrentEditException(String article, int basedOn, int stored) {
    super(article + " is at version " + stored + ", the change was based on version " + basedOn);
  }
}
