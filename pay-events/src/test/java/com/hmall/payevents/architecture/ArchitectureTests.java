package com.hmall.payevents.architecture;

import com.hmall.testing.architecture.Boundaries;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** pay-events's boundaries, from {@link Boundaries}, checked on its main classes. */
@AnalyzeClasses(packages = "com.hmall.payevents", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNoService = Boundaries.dependsOnNoService("pay-events", "com.hmall.payevents..");
}
