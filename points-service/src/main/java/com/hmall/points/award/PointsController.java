package com.hmall.points.award;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.common.client.PaymentNotice;

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
@RestController
@RequestMapping("/points")
@RequiredArgsConstructor
class PointsController {

    private final PointsService pointsService;

    @PostMapping("/awards")
    ResponseEntity<PointsAwardView> award(@Valid @RequestBody PaymentNotice notice) {
        PointsService.Awarded awarded = pointsService.award(notice);
        HttpStatus status = awarded.created() ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(awarded.award());
    }

    /** A user who never earned points has a total of 0 and an empty history, not a 404. */
    @GetMapping("/{userId}")
    UserPoints findByUser(@PathVariable @Positive long userId) {
        return pointsService.findByUser(userId);
    }
}
