package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.yaml.Messages;
import java.util.List;

/**
 * A tenant's files live in {@code <overlay>/tenants/<tenant>/} and the platform's in
 * {@code <overlay>/platform/}: Argo CD syncs folders, so a file in the wrong folder would be
 * applied with another owner's permissions.
 */
final class RequireTenantFolder implements Invariant {
  @Override
  public String rule() {
    return "INV-FOLDER";
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    for (RenderedFile file : folder.files()) {
      String expected = file.tenant() == null
          ? file.overlay() + "/platform/"
          : file.overlay() + "/tenants/" + file.tenant() + "/";
      if (!file.path().startsWith(expected)) {
        problems.add(Problem.at("output/" + file.path(), 0, 0, rule(),
                "file of " + (file.tenant() == null ? "the platform" : "tenant " + Messages.escape(file.tenant()))
                    + " is outside its folder " + Messages.escape(expected))
            .withHint("the template's output path must stay inside the folder of the tenant it renders"));
      }
    }
  }
}
