/**
 * The supervision lists shipped with the platform: editable defaults, not policy. They are built from
 * the practice in DOMAIN.md and the research notes — 三个聚焦 (the focus of village rounds), 溧阳's
 * "1+3+N" (the Party organisation's role; 三资, 惠农补贴, 工程招投标; local issues), 文登's five classes
 * of village petty power, the five groups of grass-roots 微腐败 problems, 四议两公开 and the collusion
 * situations of 招标投标法实施条例 Art. 40. An office edits them (a new draft version) or copies them
 * into its county and adapts the copy. Personalised lists are chosen by the default village tags
 * (domain/registry/village.ts DEFAULT_TAGS).
 */
import type { CatalogueContent, CatalogueItemContent, CatalogueKind, PowerClass } from './catalogue';

export interface DefaultCatalogue {
  /** stable key: the seed records which defaults it has installed */
  key: string;
  name: string;
  kind: CatalogueKind;
  matchTags: string[];
  description: string;
  content: CatalogueContent;
}

const EDITABLE = '系统预置的默认清单，各地可结合实际修改（修改后形成新版本）或复制为本地清单。';

const item = (title: string, powerClass: PowerClass | null, manifestations: string[], basis = '', villageTraits: string[] = []): CatalogueItemContent => ({
  title,
  powerClass,
  villageTraits,
  manifestations,
  basis,
});

const COMMON: DefaultCatalogue = {
  key: 'common-three-focus',
  name: '村（社区）巡察通用监督清单',
  kind: 'common',
  matchTags: [],
  description: `“1+X”中的“1”：每个村（社区）都适用。按“三个聚焦”组织，吸收溧阳“1+3+N”重点、文登村级小微权力五大类和基层“微腐败”五类问题。${EDITABLE}`,
  content: [
    {
      name: '一、村党组织作用发挥（虚化、老化、弱化）',
      items: [
        item('村党组织领导核心作用', null, ['村党组织书记“一肩挑”后统筹不力，村级重大事项未经党组织研究', '村党组织对村委会、村务监督委员会和集体经济组织领导弱化', '对上级决策部署传达不及时、落实走样'], '《中国共产党农村基层组织工作条例》'),
        item('班子队伍建设', null, ['“两委”班子不健全，书记岗位空缺超过 3 个月', '班子成员年龄老化、后继乏人，后备力量培养不足', '班子不团结，家族、宗族势力干扰村务'], '软弱涣散村党组织认定标准'),
        item('组织生活和党员管理', null, ['“三会一课”、主题党日、组织生活会不经常、不认真，记录后补', '连续 2 年以上未发展党员或发展党员程序不规范', '党员教育管理松散，流动党员失管失联，党费收缴不规范'], '《中国共产党支部工作条例（试行）》'),
      ],
    },
    {
      name: '二、贯彻落实党的路线方针政策和上级决策部署',
      items: [
        item('乡村振兴和重点工作落实', null, ['乡村振兴、产业发展等部署停留在口头，无具体举措', '防止规模性返贫监测帮扶不到位', '耕地保护、粮食安全责任落实不到位，存在违规占用耕地'], '三个聚焦：党的路线方针政策和党中央决策部署在基层落实'),
        item('基层治理和安全稳定', null, ['矛盾纠纷排查化解不及时，信访问题久拖不决', '安全生产、防汛防火等责任不落实', '扫黑除恶常态化工作不力，存在村霸、“保护伞”线索'], '基层“微腐败”五类问题：窗口和执法'),
      ],
    },
    {
      name: '三、村级重大事项决策（四议两公开）',
      items: [
        item('重大事项决策程序', null, ['重大事项未经“四议两公开”程序，个人或少数人说了算', '会议记录不全、后补、代签，参会人数达不到规定', '决议内容与实际执行不一致'], '“四议两公开”：党支部会提议、两委会商议、党员大会审议、村民（代表）会议决议，决议公开、实施结果公开'),
        item('村务监督委员会履职', null, ['村务监督委员会成员由“两委”主要负责人近亲属担任', '监督流于形式，对财务收支审核签字不认真', '对群众反映的问题不调查、不报告'], '《村民委员会组织法》'),
      ],
    },
    {
      name: '四、农村集体“三资”管理',
      items: [
        item('集体资金管理', 'assets', ['设立“小金库”，账外循环收支', '截留、挪用、侵占集体收入，坐支现金', '白条入账、大额现金支付，票据不规范', '违规发放补贴、奖金、误工补助'], '文登小微权力清单：三资管理；基层“微腐败”五类问题：农村“三资”'),
        item('集体资产资源发包租赁', 'assets', ['资产资源发包、租赁未经民主程序或未公开竞价', '合同期限过长、租金明显偏低，或合同到期未收回仍在使用', '应收未收租金、承包费，长期挂账'], '逐份比对租赁合同与会议记录、“四议两公开”记录、镇街备案和评估、招标记录'),
        item('集体资产处置和债权债务', 'assets', ['违规处置、低价变卖集体资产', '违规举债、对外担保或出借集体资金', '集体资产台账不全，资产底数不清、流失'], '农村集体资产管理有关规定'),
      ],
    },
    {
      name: '五、惠农补贴和涉农专项资金',
      items: [
        item('惠农补贴发放', 'services', ['虚报面积、冒领套取耕地地力保护补贴、种粮补贴', '截留、克扣、代领补贴资金', '村组干部本人或亲属补贴面积逐年异常增加'], '溧阳“1+3+N”：惠农补贴；基层“微腐败”五类问题：涉农专项资金'),
        item('低保、救助和困难补助', 'services', ['优亲厚友，村干部亲属违规享受低保、救助', '“人情保”“关系保”，应保未保', '救灾、救济、扶贫资金物资分配不公开'], '基层“微腐败”五类问题：涉农专项资金'),
      ],
    },
    {
      name: '六、村级工程建设和招投标',
      items: [
        item('工程项目立项和招投标', 'construction', ['项目未经民主决策或化整为零规避招标', '围标串标：投标文件由同一单位或个人编制、投标报价呈规律性差异、保证金从同一账户转出', '同一企业承揽本村大部分项目，或新成立、无员工无纳税的企业中标大额项目'], '溧阳“1+3+N”：村级工程招投标；《招标投标法实施条例》第四十条'),
        item('工程实施和资金结算', 'construction', ['村干部或其亲属插手工程、承揽项目、供应材料', '工程变更、签证不规范，虚增工程量', '未经验收即付款，或超合同付款'], '文登小微权力清单：村级建设'),
        item('征地拆迁和补偿', 'assets', ['虚报、冒领征地拆迁补偿款', '截留、挪用补偿款，分配方案未经民主程序、不公开', '违规为他人办理补偿，收受好处'], '基层“微腐败”五类问题：征地拆迁和工程建设'),
      ],
    },
    {
      name: '七、村级工作人员使用',
      items: [
        item('工作人员聘用和报酬', 'staffing', ['村聘人员未经民主程序，安排亲属、“吃空饷”', '工作人员报酬、补贴发放标准不公开或超标准发放', '临时用工虚报人数、虚列工资'], '文登小微权力清单：工作人员使用'),
      ],
    },
    {
      name: '八、便民服务和公共服务',
      items: [
        item('证明出具和印章使用', 'services', ['违规出具证明、滥用公章', '印章管理混乱，无使用登记'], '宁海小微权力清单：出具证明和加盖印章'),
        item('宅基地、建房等审批事项', 'services', ['宅基地审批初审把关不严，违规建房', '办事吃拿卡要、优亲厚友', '该办不办、推诿扯皮，不作为、慢作为'], '文登小微权力清单：公共服务'),
      ],
    },
    {
      name: '九、村务财务公开',
      items: [
        item('公开内容和时限', 'openness', ['村务、财务未按规定按时公开，或公开内容不全、不实', '重大事项决议和实施结果未公开', '公开栏长期不更新，群众看不到、看不懂'], '文登小微权力清单：村务财务公开'),
      ],
    },
    {
      name: '十、作风建设和中央八项规定精神',
      items: [
        item('“四风”问题', null, ['公款（集体资金）吃喝、送礼，变相旅游', '违规操办婚丧喜庆事宜', '招待费、差旅费开支不规范，以会议费、办公费名义列支吃喝'], '基层“微腐败”五类问题：四风和八项规定'),
        item('村干部廉洁履职', null, ['村干部利用职务便利谋取私利、经商办企业与村集体发生交易', '收受服务对象财物', '群众反映强烈的“微腐败”问题'], '三个聚焦：群众身边腐败问题和不正之风'),
      ],
    },
    {
      name: '十一、整改落实',
      items: [
        item('巡视巡察、审计和信访问题整改', null, ['上轮巡察反馈问题整改不到位、敷衍整改、虚假整改', '审计、经济责任审计发现问题未整改', '整改情况未按规定公开'], '四个聚焦：巡视巡察整改情况'),
      ],
    },
  ],
};

const PETITIONS: DefaultCatalogue = {
  key: 'personalised-petitions',
  name: '信访矛盾突出村个性化清单',
  kind: 'personalised',
  matchTags: ['信访集中', '问题突出村', '矛盾突出类'],
  description: `“1+X”中的“X”：适用于信访举报集中、矛盾突出的村。进驻前结合信访、审计等巡前资料补充。${EDITABLE}`,
  content: [
    {
      name: '信访举报反映问题',
      items: [
        item('信访反映问题核查', null, ['巡前信访举报反映的问题逐件核查，说明属实与否', '重复信访、越级信访背后的利益诉求未解决', '对信访人打击报复'], '都江堰：进驻前整合信访举报、审计结果等多源数据', ['信访集中']),
        item('矛盾纠纷化解', null, ['土地、山林、水面权属纠纷长期未化解', '征地拆迁、集体收益分配引发群体性矛盾', '村规民约执行不公'], '', ['矛盾突出类']),
        item('集体收益分配', 'assets', ['集体经济组织成员资格认定不公', '收益分配方案未经民主程序', '外嫁女、新生儿等群体权益受损'], '', ['问题突出村']),
      ],
    },
  ],
};

const FINANCE: DefaultCatalogue = {
  key: 'personalised-finance',
  name: '财务管理不规范村个性化清单',
  kind: 'personalised',
  matchTags: ['财务混乱', '审计A类'],
  description: `“1+X”中的“X”：适用于财务管理混乱、资产资金量大的村。${EDITABLE}`,
  content: [
    {
      name: '财务管理专项',
      items: [
        item('会计核算和票据', 'assets', ['账目不清、凭证缺失，大量白条入账', '现金管理混乱，坐支、公款私存', '村账镇代理（委托代理）制度执行不到位'], '基层“微腐败”五类问题：农村“三资”', ['财务混乱']),
        item('支出审批', 'assets', ['大额支出未经集体研究，一支笔审批', '报销凭证无经办人、证明人、审批人签字', '以拨代支、以领代报'], '', ['财务混乱']),
        item('审计发现问题', 'assets', ['村级财务审计、经济责任审计指出的问题未整改', '离任审计未做或走过场'], '审计A类：每年审计', ['审计A类']),
      ],
    },
  ],
};

const PROJECTS: DefaultCatalogue = {
  key: 'personalised-projects',
  name: '项目较多村个性化清单',
  kind: 'personalised',
  matchTags: ['项目较多', '经济活跃村'],
  description: `“1+X”中的“X”：适用于工程项目多、资金流量大的村（宜提级巡察）。${EDITABLE}`,
  content: [
    {
      name: '工程项目专项',
      items: [
        item('项目台账和资金流向', 'construction', ['项目台账不全，资金来源和去向不清', '同一项目重复申报、多头套取资金'], '', ['项目较多']),
        item('招投标比对', 'construction', ['投标人之间电话、地址、法定代表人相同', '投标文件相互混装、异常一致', '中标单位违法转包、分包'], '《招标投标法实施条例》第四十条', ['项目较多']),
        item('经营性项目和集体经济', 'assets', ['集体经济项目投资决策不科学、造成损失', '与村干部关联企业发生交易', '经营收益未入账'], '', ['经济活跃村']),
      ],
    },
  ],
};

const WEAK: DefaultCatalogue = {
  key: 'personalised-weak-organisation',
  name: '软弱涣散村党组织个性化清单',
  kind: 'personalised',
  matchTags: ['软弱涣散'],
  description: `“1+X”中的“X”：适用于软弱涣散村党组织。${EDITABLE}`,
  content: [
    {
      name: '软弱涣散整顿',
      items: [
        item('整顿措施落实', null, ['整顿方案不具体，包联领导、驻村工作队作用发挥不明显', '整顿转化后问题反弹'], '软弱涣散村党组织整顿有关规定', ['软弱涣散']),
        item('家族宗族势力和村霸', null, ['家族宗族势力长期把持村党组织', '黑恶势力干扰换届选举、把持村务'], '', ['软弱涣散']),
      ],
    },
  ],
};

const RESOURCES: DefaultCatalogue = {
  key: 'personalised-resources',
  name: '资源丰富村个性化清单',
  kind: 'personalised',
  matchTags: ['资源丰富类'],
  description: `“1+X”中的“X”：适用于土地、山林、水面等资源丰富的村。${EDITABLE}`,
  content: [
    {
      name: '资源发包专项',
      items: [
        item('资源性资产发包', 'assets', ['水面、山林、土地承包合同到期仍在使用，未在“三资”平台登记、未收取费用', '发包未经公开竞价，承包费明显偏低', '村干部或亲属低价承包集体资源'], '', ['资源丰富类']),
        item('资源开发和生态保护', 'assets', ['违规开采砂石、土方，收益去向不明', '破坏耕地、林地'], '', ['资源丰富类']),
      ],
    },
  ],
};

const LAGGING: DefaultCatalogue = {
  key: 'personalised-lagging',
  name: '发展滞后村个性化清单',
  kind: 'personalised',
  matchTags: ['发展滞后村'],
  description: `“1+X”中的“X”：适用于偏远、发展滞后的村，对应溧阳“1+3+N”中的“N”。${EDITABLE}`,
  content: [
    {
      name: '村级发展和村民自治',
      items: [
        item('集体经济发展', null, ['集体经济薄弱，无稳定收入来源', '扶持资金、项目闲置或效益低下'], '溧阳“1+3+N”：村级集体组织发展', ['发展滞后村']),
        item('村民自治和村庄环境', null, ['村民会议、村民代表会议长期不召开', '人居环境整治资金使用不规范、效果差'], '溧阳“1+3+N”：村民自治、村庄环境', ['发展滞后村']),
      ],
    },
  ],
};

export const DEFAULT_CATALOGUES: readonly DefaultCatalogue[] = [COMMON, PETITIONS, FINANCE, PROJECTS, WEAK, RESOURCES, LAGGING];
