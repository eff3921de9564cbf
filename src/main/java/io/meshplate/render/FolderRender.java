package io.meshplate.render;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFolder;
import java.util.List;

/**
 * One folder rendered.
 *
 * @param folder its files after overlay patches (empty when a template failed)
 * @param templateProblems template errors and output that is not objects (exit 5)
 * @param patchProblems overlay patches that could not be applied (exit 3)
 * @param facts what the overlay-wide patch checks need of it
 */
public record FolderRender(RenderedFolder folder, List<Problem> templateProblems, List<Problem> patchProblems,
    PatchFacts facts) {
  public FolderRender {
    templateProblems = List.copyOf(templateProblems);
    patchProblems = List.copyOf(patchProblems);
  }
}
