//! The enumerations the seeds name. Values are written in Chinese in TOML, exactly as
//! they appear on the bureau's forms, so that a clerk never has to translate.

use serde::{Deserialize, Serialize};

/// Generates a closed enum whose TOML spelling is Chinese, with `label()` and `ALL`.
macro_rules! chinese_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[doc = $label] #[serde(rename = $label)] $variant,)+
        }

        impl $name {
            /// Every value, in ladder or form order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Chinese label used in TOML and on the site.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses the Chinese label (as written in TOML or a spreadsheet cell).
            pub fn from_label(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.label() == text)
            }

            /// The labels, for "expected one of" diagnostics.
            pub fn labels() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.label()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

chinese_enum! {
    /// Professional title level (专业技术职称等级), lowest first.
    TitleLevel {
        Junior => "初级",
        Intermediate => "中级",
        AssociateSenior => "副高级",
        Senior => "正高级",
    }
}

chinese_enum! {
    /// Skill level (职业资格 / 职业技能等级), the five-level ladder, lowest first.
    SkillLevel {
        Level5 => "五级/初级工",
        Level4 => "四级/中级工",
        Level3 => "三级/高级工",
        Level2 => "二级/技师",
        Level1 => "一级/高级技师",
    }
}

chinese_enum! {
    /// Kind of employer (工作单位属性), as ticked on annex 1.
    EmployerKind {
        University => "本科院校",
        VocationalCollege => "高职院校",
        TechnicalSchool => "技工院校",
        Enterprise => "企业",
        Other => "其他",
    }
}

chinese_enum! {
    /// Admission channel (入库方式), seed 000 art. 5.
    Channel {
        OpenCallSelf => "公开征集-个人自荐",
        OpenCallUnit => "公开征集-单位推荐",
        MutualSelection => "互通遴选",
        SpecialInvitation => "特约邀请",
    }
}

chinese_enum! {
    /// Gender (性别).
    Gender {
        Male => "男",
        Female => "女",
    }
}

chinese_enum! {
    /// Administrative tier of an honour, role or competition, lowest first.
    Tier {
        County => "县级",
        Municipal => "市级",
        Provincial => "省级",
        National => "国家级",
    }
}

chinese_enum! {
    /// Roles that qualify under seed 002 §2(3)–(4).
    RoleKind {
        MasterStudioLeader => "技能大师工作室领办人",
        HeritageInheritor => "非遗传承人",
        CompetitionReferee => "职业技能竞赛裁判员",
        EnterpriseBackbone => "企业技术骨干",
    }
}

chinese_enum! {
    /// Misconduct kinds (不良行为), seed 000 art. 18 (1)–(8).
    MisconductKind {
        ImproperProcedure => "未按规定程序方法标准工作",
        LeakedConfidential => "泄露保密文件或评审情况",
        FailedToRecuse => "应回避未申请回避",
        AcceptedBenefits => "收受利益或获取不正当利益",
        RefusedToAnswer => "拒不履行答复义务",
        DamagedCredibility => "以专家身份从事有损公信力活动",
        ThreeNoShows => "连续三次被抽取后无故不参加",
        ThreeLateOrEarly => "当年累计三次无故迟到早退",
    }
}

chinese_enum! {
    /// Dismissal grounds (解聘情形), seed 000 art. 19 (1)–(7).
    DismissalGround {
        JobChange => "工作变动不宜继续担任",
        Health => "健康原因不能胜任",
        OwnRequest => "本人书面申请",
        Penalty => "受到刑事处罚行政处罚或行业惩戒",
        AgeLimit => "达到年龄上限",
        FieldObsolete => "所属行业领域已被淘汰",
        ThreeMisconducts => "不良行为记录累计三条以上",
    }
}

chinese_enum! {
    /// Evaluation rating given by the unit that used an expert (art. 17).
    Rating {
        Excellent => "优秀",
        Competent => "称职",
        BasicallyCompetent => "基本称职",
        Incompetent => "不称职",
    }
}

chinese_enum! {
    /// Lifecycle stages (L2), in the order they must happen.
    Stage {
        Applied => "申请",
        Reviewed => "资料审核",
        Publicity => "公示",
        Approved => "会议审定",
        Admitted => "分类入库",
        Renewed => "续聘",
        Exited => "出库",
    }
}

chinese_enum! {
    /// Highest education (最高学历).
    Education {
        Secondary => "中专/高中",
        Associate => "大专",
        Bachelor => "本科",
        Master => "硕士研究生",
        Doctor => "博士研究生",
    }
}

chinese_enum! {
    /// Documents of the admission checklist, seed 000 art. 6.
    Document {
        ApplicationForm => "入库申请表",
        SummaryTable => "推荐入库名单汇总表",
        Credentials => "学历职称等证明材料",
        IdentityCopy => "身份证件复印件",
        BusinessLicence => "推荐单位营业执照复印件",
        InvitationLetter => "邀请函",
    }
}

impl Channel {
    /// Documents seed 000 art. 6 requires for this channel.
    pub fn required_documents(self) -> &'static [Document] {
        use Document::*;
        match self {
            Channel::OpenCallSelf => &[ApplicationForm, Credentials, IdentityCopy],
            Channel::SpecialInvitation => &[ApplicationForm, Credentials, IdentityCopy, InvitationLetter],
            Channel::OpenCallUnit => &[ApplicationForm, SummaryTable, Credentials, IdentityCopy, BusinessLicence],
            Channel::MutualSelection => &[ApplicationForm, SummaryTable, Credentials, IdentityCopy],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_toml() {
        #[derive(Deserialize, Serialize, PartialEq, Debug)]
        struct Row {
            level: SkillLevel,
        }
        for level in SkillLevel::ALL {
            let text = toml::to_string(&Row { level: *level }).unwrap();
            assert_eq!(toml::from_str::<Row>(&text).unwrap().level, *level);
            assert_eq!(SkillLevel::from_label(level.label()), Some(*level));
        }
    }

    #[test]
    fn ladders_order_lowest_first() {
        assert!(TitleLevel::Intermediate < TitleLevel::AssociateSenior);
        assert!(SkillLevel::Level2 < SkillLevel::Level1);
        assert!(Tier::Municipal < Tier::National);
    }
}

chinese_enum! {
    /// How an objection to a publicity notice reached the bureau (异议受理方式).
    ObjectionChannel {
        Phone => "电话",
        Email => "电子邮件",
        Letter => "来信",
        Visit => "来访",
        Other => "其他",
    }
}

chinese_enum! {
    /// What the bureau found when it looked into an objection (异议核查结果).
    ObjectionResult {
        Unfounded => "不成立",
        PartlyFounded => "部分成立",
        Founded => "成立",
    }
}
