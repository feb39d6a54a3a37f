package com.hmall.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.hmall.testing.architecture.Boundaries;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The console knows the suite only through its public APIs and its spans: no service module, no
 * consumer's or producer's code, only the web starter.
 */
@AnalyzeClasses(packages = "com.hmall.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule usesOnlyTheWebStarter = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.hmall.starter.messaging..", "com.hmall.starter.chaos..", "com.hmall.payevents..")
            .because("the console opens no AMQP connection and calls the services over plain HTTP");

    /** A subscriber is discovered from its spans and its queue, never known by the console. */
    @ArchTest
    static final ArchRule dependsOnNoServiceModule = Boundaries.ofConsole();

    @ArchTest
    static final ArchRule usesNoAmqpClient = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..")
            .because("the broker is read through its management HTTP API only");
}
