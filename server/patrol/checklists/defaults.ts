// The checklists shipped with the product. The inspection checklist follows the structure of the national
// catering inspection-points form (餐饮服务食品安全监督检查要点表) with the school-canteen items; the remote
// patrol checklist covers the four aspects Hebei's network patrols look at over video.
import type { ChecklistContent } from './content';

export interface DefaultChecklist {
  code: string;
  version: number;
  name: string;
  kind: 'inspection' | 'remote_patrol';
  content: ChecklistContent;
}

const inspection: ChecklistContent = {
  sections: [
    {
      code: 'S1',
      title: '许可管理与信息公示',
      items: [
        { code: '1.1', key: true, text: '食品经营许可证合法有效，经营场所、主体业态、经营项目与许可一致' },
        { code: '1.2', key: false, text: '在醒目位置公示食品经营许可证、量化分级标识、监督检查结果记录表' },
        { code: '1.3', key: false, text: '公示食品安全管理人员及从业人员健康证明' },
      ],
    },
    {
      code: 'S2',
      title: '从业人员健康与着装',
      items: [
        { code: '2.1', key: true, text: '从业人员持有有效健康证明' },
        { code: '2.2', key: true, text: '落实晨检制度，患有发热、腹泻、化脓性皮肤病等病症者未从事接触直接入口食品的工作' },
        { code: '2.3', key: false, text: '穿戴清洁的工作衣帽，规范佩戴口罩，专间人员二次更衣', aspect: 'staff_attire' },
        { code: '2.4', key: false, text: '操作时不佩戴首饰、不吸烟、不玩手机', aspect: 'staff_attire' },
      ],
    },
    {
      code: 'S3',
      title: '原料控制与贮存',
      items: [
        { code: '3.1', key: true, text: '落实进货查验记录制度，索证索票齐全' },
        { code: '3.2', key: true, text: '无采购、使用、贮存禁止使用或超过保质期的食品原料' },
        { code: '3.3', key: false, text: '原料分类分架存放，离地离墙，生熟分开', aspect: 'ingredient_placement' },
        { code: '3.4', key: false, text: '冷藏、冷冻设施运转正常，温度符合要求' },
      ],
    },
    {
      code: 'S4',
      title: '加工制作',
      items: [
        { code: '4.1', key: false, text: '生熟分开，工具、容器标识清晰并分开使用', aspect: 'food_processing' },
        { code: '4.2', key: true, text: '食品烧熟煮透，中心温度达到要求', aspect: 'food_processing' },
        { code: '4.3', key: false, text: '专间操作符合专人、专用工具、专用消毒设施要求', aspect: 'food_processing' },
        { code: '4.4', key: true, text: '未超范围、超限量使用食品添加剂' },
      ],
    },
    {
      code: 'S5',
      title: '清洗消毒',
      items: [
        { code: '5.1', key: false, text: '餐用具清洗消毒设施正常使用，消毒记录完整' },
        { code: '5.2', key: false, text: '消毒后的餐用具存放于专用保洁设施内', aspect: 'environment_hygiene' },
      ],
    },
    {
      code: 'S6',
      title: '食品留样',
      items: [
        { code: '6.1', key: true, text: '每餐次每个品种留样，每个品种留样量不少于125克' },
        { code: '6.2', key: true, text: '留样食品冷藏存放48小时以上，留样记录完整' },
      ],
    },
    {
      code: 'S7',
      title: '环境卫生与虫害控制',
      items: [
        { code: '7.1', key: false, text: '加工场所环境整洁，地面无积水、无油污', aspect: 'environment_hygiene' },
        { code: '7.2', key: true, text: '防鼠、防蝇、防虫设施完好，无鼠迹虫害', aspect: 'environment_hygiene' },
        { code: '7.3', key: false, text: '垃圾桶加盖，废弃物及时清理', aspect: 'environment_hygiene' },
      ],
    },
    {
      code: 'S8',
      title: '学校食堂专项要求',
      items: [
        { code: '8.1', key: false, text: '学校相关负责人按规定陪餐并有记录' },
        { code: '8.2', key: true, text: '未制售冷荤类、生食类、裱花蛋糕等高风险食品（禁止品种）' },
        { code: '8.3', key: false, text: '食品安全管理制度上墙，食品安全管理人员在岗' },
      ],
    },
  ],
};

const remotePatrol: ChecklistContent = {
  sections: [
    {
      code: 'R1',
      title: '食品加工',
      items: [
        { code: 'R1.1', key: true, aspect: 'food_processing', text: '生熟分开操作，刀具砧板分开使用' },
        { code: 'R1.2', key: false, aspect: 'food_processing', text: '加工流程规范，无交叉污染' },
        { code: 'R1.3', key: false, aspect: 'food_processing', text: '专间操作人员规范，专间门保持关闭' },
      ],
    },
    {
      code: 'R2',
      title: '原料摆放',
      items: [
        { code: 'R2.1', key: false, aspect: 'ingredient_placement', text: '原料离地离墙，分类分架存放' },
        { code: 'R2.2', key: true, aspect: 'ingredient_placement', text: '画面中无腐败变质、过期或来源不明的原料' },
      ],
    },
    {
      code: 'R3',
      title: '人员着装',
      items: [
        { code: 'R3.1', key: false, aspect: 'staff_attire', text: '穿戴工作服、工作帽' },
        { code: 'R3.2', key: false, aspect: 'staff_attire', text: '规范佩戴口罩' },
        { code: 'R3.3', key: true, aspect: 'staff_attire', text: '操作时无吸烟、玩手机等行为' },
      ],
    },
    {
      code: 'R4',
      title: '环境卫生',
      items: [
        { code: 'R4.1', key: false, aspect: 'environment_hygiene', text: '地面、台面清洁，无积水油污' },
        { code: 'R4.2', key: false, aspect: 'environment_hygiene', text: '垃圾桶加盖，及时清理' },
        { code: 'R4.3', key: true, aspect: 'environment_hygiene', text: '无鼠、蝇、猫狗等有害生物出没' },
      ],
    },
  ],
};

export const DEFAULT_CHECKLISTS: readonly DefaultChecklist[] = [
  { code: 'school-canteen-inspection', version: 1, name: '学校食堂食品安全监督检查表', kind: 'inspection', content: inspection },
  {
    code: 'remote-patrol',
    version: 1,
    name: '明厨亮灶网络巡查表（食品加工、原料摆放、人员着装、环境卫生）',
    kind: 'remote_patrol',
    content: remotePatrol,
  },
];
