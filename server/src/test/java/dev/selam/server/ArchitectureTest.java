package dev.selam.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of DESIGN.md: core <- knowledge <- bot; core <- hotline-console; server
 * -> all; Telegram's types stay in the Telegram channel.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.selam");
  }

  @Test
  void everyModuleIsImported() {
    assertThat(classes.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("dev.selam.core"))
        .anyMatch(p -> p.startsWith("dev.selam.console"))
        .anyMatch(p -> p.startsWith("dev.selam.server"));
  }

  @Test
  void coreDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("dev.selam.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.selam.knowledge..", "dev.selam.bot..", "dev.selam.console..", "dev.selam.server..")
        .check(classes);
  }

  @Test
  void knowledgeDependsOnlyOnCore() {
    noClasses()
        .that()
        .resideInAPackage("dev.selam.knowledge..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.selam.bot..", "dev.selam.console..", "dev.selam.server..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void botNeverReachesConsoleOrServer() {
    noClasses()
        .that()
        .resideInAPackage("dev.selam.bot..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.selam.console..", "dev.selam.server..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void consoleNeverImportsBot() {
    noClasses()
        .that()
        .resideInAPackage("dev.selam.console..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.selam.bot..", "dev.selam.server..")
        .check(classes);
  }

  @Test
  void telegramTypesStayInTheTelegramChannel() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.selam.bot.telegram..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.telegram..")
        .check(classes);
  }
}
