package com.hmall.coupon.architecture;

import com.hmall.testing.architecture.Boundaries;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** coupon-service's boundaries, from {@link Boundaries}, checked on its main classes. */
@AnalyzeClasses(packages = "com.hmall.coupon", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule boundaries = Boundaries.ofConsumer("coupon-service");
}
