package com.hmall.points.award;

import org.apache.ibatis.annotations.Mapper;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

@Mapper
public interface PointsAwardMapper extends BaseMapper<PointsAward> {
}
