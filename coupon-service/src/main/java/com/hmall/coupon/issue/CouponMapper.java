package com.hmall.coupon.issue;

import org.apache.ibatis.annotations.Mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

@Mapper
public interface CouponMapper extends BaseMapper<Coupon> {
}
