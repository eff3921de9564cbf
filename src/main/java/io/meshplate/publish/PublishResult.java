package io.meshplate.publish;

/**
 * What a publish did.
 *
 * @param commit the new commit's id, or null when the target already had this content
 * @param sourceRevision the source commit named in the message, {@code -dirty} when the source had local changes
 * @param added files added under the target folder
 * @param modified files changed
 * @param removed files deleted
 * @param pushed whether the commit was pushed (URL or bare-repository targets)
 */
public record PublishResult(String commit, String sourceRevision, int added, int modified, int removed, boolean pushed) {
  public boolean committed() {
    return commit != null;
  }
}
