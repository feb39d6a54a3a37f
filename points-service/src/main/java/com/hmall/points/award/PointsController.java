package com.hmall.points.award;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.payevents.PaymentNotice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import lombok.RequiredArgsConstructor;

/**
 * The sync path into points-service, and a user's points.
 * <p>
 * {@code POST /points/awards} answers {@code 201 Created} with the new award, or {@code 200 OK}
 * with the existing one when this {@code payOrderNo} was already awarded (a retried sync call, or
 * the event got here first): it never awards twice, and a caller may treat both as success.
 */
@Tag(name = "Points", description = "One point per whole yuan paid, exactly one award per payOrderNo")
@RestController
@RequestMapping("/points")
@RequiredArgsConstructor
class PointsController {

    private final PointsService pointsService;

    @PostMapping("/awards")
    @Operation(summary = "Award the points of a payment (the sync path)")
    @ApiResponse(responseCode = "201", description = "Awarded now")
    @ApiResponse(responseCode = "200", description = "Already awarded for this payOrderNo: the existing award")
    ResponseEntity<PointsAwardView> award(@Valid @RequestBody PaymentNotice notice) {
        PointsService.Awarded awarded = pointsService.award(notice);
        HttpStatus status = awarded.created() ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(awarded.award());
    }

    /** A user who never earned points has a total of 0 and an empty history, not a 404. */
    @GetMapping("/{userId}")
    @Operation(summary = "Read a user's points total and history, newest first")
    UserPoints findByUser(@PathVariable @Positive long userId) {
        return pointsService.findByUser(userId);
    }
}
