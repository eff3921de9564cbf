package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Workspace;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each scripted pull request, whose two sides carry their own descriptors and templates, is
 * reviewed as {@code diff} reviews it, around what differs: each side holds of a tenant folder
 * that did not change only the objects read across tenants, and evaluates every layer of only the
 * flows around the change. It says exactly what the review of every object and every flow of
 * both sides says: the flows that changed, the warnings, and every format of the summary.
 */
class ReviewAroundTheChangeTest {
  @ParameterizedTest
  @EnumSource(Scenarios.class)
  void aReviewAroundTheChangeSaysWhatAReviewOfEveryFlowSays(Scenarios scenario) {
    Review[] reviews = ScenarioRepo.reviewAndWhole(scenario);
    Review around = reviews[0];
    Review whole = reviews[1];
    assertThat(around.effects().unavailable()).isNull();
    assertThat(around.effects().changes()).isEqualTo(whole.effects().changes());
    assertThat(around.effects().after().errors()).isEqualTo(whole.effects().after().errors());
    assertThat(around.effects().after().warnings()).isEqualTo(whole.effects().after().warnings());
    assertThat(around.effects().before().warnings()).isEqualTo(whole.effects().before().warnings());
    assertThat(whole.effects().after().flows()).containsAll(around.effects().after().flows());
    for (ReportFormat format : ReportFormat.values()) {
      assertThat(Reviewer.format(around, format, false)).as(format.name())
          .isEqualTo(Reviewer.format(whole, format, false));
    }
  }

  /**
   * A change to one tenant's descriptor: both sides keep every object of that tenant's folders, of
   * the others only those read across tenants, and the facts of every folder, the same ones on
   * both sides where the folder did not change.
   */
  @Test
  void theSidesOfAReviewKeepTheObjectsOfTheFoldersTheChangeTouches() {
    OutputSnapshot[] sides = ScenarioRepo.sides(Scenarios.WIDENED_PATH);
    OutputSnapshot full = OutputSnapshot.fromGit(new Workspace(ScenarioRepo.root()), "base");
    Set<String> touched = new TreeSet<>();
    sides[0].fileIds().forEach((path, id) -> {
      if (!id.equals(sides[1].fileIds().get(path)) && path.contains("/tenants/")) {
        touched.add(SideFolders.folderOf(path));
      }
    });
    assertThat(touched).contains("prod/tenants/payments").doesNotContain("dev/tenants/catalog");
    int[] trimmed = {0};
    for (OutputSnapshot side : sides) {
      assertThat(side.files().keySet()).isEqualTo(full.files().keySet());
      side.files().forEach((path, objects) -> {
        if (!path.contains("/tenants/") || touched.contains(SideFolders.folderOf(path))) {
          assertThat(objects).as(path).hasSize(full.files().get(path).size());
        } else {
          assertThat(objects).as(path).allSatisfy(o -> assertThat(SideFolders.ACROSS_TENANTS)
              .contains(String.valueOf(o.get("kind"))));
          trimmed[0] += full.files().get(path).size() - objects.size();
        }
      });
      assertThat(side.facts()).containsKeys("prod/tenants/payments", "dev/tenants/catalog", "prod/platform");
    }
    assertThat(trimmed[0]).as("objects not held").isGreaterThan(100);
    assertThat(sides[1].files().get("dev/tenants/catalog/namespace.yaml")).isNotEmpty();
    assertThat(sides[1].facts().get("dev/tenants/catalog")).isSameAs(sides[0].facts().get("dev/tenants/catalog"));
    assertThat(sides[1].facts().get("prod/tenants/payments")).isNotSameAs(sides[0].facts().get("prod/tenants/payments"));
  }
}
